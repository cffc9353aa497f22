import { App } from 'antd';
import { useContext, useEffect, useRef } from 'react';
import { UNSAFE_NavigationContext } from 'react-router-dom';

interface GuardText {
  title: string;
  content: string;
  okText: string;
  cancelText: string;
}

/**
 * While `dirty`, leaving the page asks first: closing or reloading the tab (the browser's own prompt) and moving
 * to another page of the app (a confirm dialog). The app uses a BrowserRouter, where `useBlocker` is not
 * available, so in-app navigation is held by wrapping the router's navigator while the page has unsaved changes.
 * The browser's back button is not held.
 */
export function useUnsavedGuard(dirty: boolean, text: GuardText): void {
  const { navigator } = useContext(UNSAFE_NavigationContext);
  const { modal } = App.useApp();
  const textRef = useRef(text);
  textRef.current = text;

  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);

    // The router's own functions, put back unchanged when the page is clean again.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const original = { push: navigator.push, replace: navigator.replace };
    const push = navigator.push.bind(navigator);
    const replace = navigator.replace.bind(navigator);
    const ask = (go: () => void) => {
      const t = textRef.current;
      modal.confirm({
        title: t.title,
        content: t.content,
        okText: t.okText,
        cancelText: t.cancelText,
        okButtonProps: { danger: true },
        onOk: go,
      });
    };
    navigator.push = (...args: Parameters<typeof push>) => ask(() => push(...args));
    navigator.replace = (...args: Parameters<typeof replace>) => ask(() => replace(...args));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      navigator.push = original.push;
      navigator.replace = original.replace;
    };
  }, [dirty, navigator, modal]);
}
