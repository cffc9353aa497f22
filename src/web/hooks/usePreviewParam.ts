import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../session.tsx';

/** Who may preview approved but unpublished figures: the coordination centre and reviewers (as the server says). */
const PREVIEW_ROLES: readonly string[] = ['coordinator', 'reviewer'];

/**
 * The preview switch kept in the URL (`?preview=1`): off by default, so that what a page shows is what leaders see;
 * only the coordination centre and reviewers can turn it on. Returns [on, set, allowed].
 */
export function usePreviewParam(): [boolean, (on: boolean) => void, boolean] {
  const [params, setParams] = useSearchParams();
  const { user } = useSession();
  const allowed = user !== null && user !== undefined && PREVIEW_ROLES.includes(user.role);
  const on = allowed && params.get('preview') === '1';
  const set = useCallback(
    (next: boolean) =>
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          if (next) p.set('preview', '1');
          else p.delete('preview');
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [on, set, allowed];
}
