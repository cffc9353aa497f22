import { ShownOnceModal } from '../../components/ShownOnceModal.tsx';
import { useT } from '../../i18n.ts';

interface Props {
  /** What is shown once (an API token, a receiver's secret) and whose it is; null when closed. */
  shown: { kind: 'token' | 'secret'; value: string; name: string } | null;
  onClose: () => void;
}

/** A token or a signing secret, shown exactly once: the server keeps only its hash (or sealed), never shows it again. */
export function OnceModal({ shown, onClose }: Props) {
  const t = useT();
  const secret = shown?.kind === 'secret';
  return (
    <ShownOnceModal
      value={shown?.value ?? null}
      title={
        <>
          {secret ? t('ex.once.secretTitle') : t('ex.once.tokenTitle')}
          {shown ? ` · ${shown.name}` : null}
        </>
      }
      warning={secret ? t('ex.once.secret') : t('ex.once.token')}
      labels={{
        copy: t('ex.once.copy'),
        copied: t('ex.once.copied'),
        copyFailed: t('ex.once.copyFailed'),
        done: t('ex.once.done'),
      }}
      testIds={{ value: 'once-value', done: 'once-close' }}
      onClose={onClose}
    />
  );
}
