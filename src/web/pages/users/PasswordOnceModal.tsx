import { ShownOnceModal } from '../../components/ShownOnceModal.tsx';
import { useT } from '../../i18n.ts';

interface Props {
  /** The password and whose it is; null when closed. */
  shown: { password: string; name: string; initial: boolean } | null;
  onClose: () => void;
}

/** A new password, shown exactly once: copy it now, it cannot be seen again. */
export function PasswordOnceModal({ shown, onClose }: Props) {
  const t = useT();
  return (
    <ShownOnceModal
      value={shown?.password ?? null}
      title={
        <>
          {shown?.initial ? t('users.passwordTitle') : t('users.newPasswordTitle')}
          {shown ? ` · ${shown.name}` : null}
        </>
      }
      warning={t('users.passwordOnce', { name: shown?.name ?? '' })}
      labels={{
        copy: t('users.copy'),
        copied: t('users.copied'),
        copyFailed: t('users.copyFailed'),
        done: t('users.passwordSaved'),
      }}
      testIds={{ value: 'password-once', done: 'password-once-close', copy: 'password-once-copy' }}
      onClose={onClose}
    />
  );
}
