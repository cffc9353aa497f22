import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session.tsx';

/**
 * Signed-in users only; a user who must change the password, or set up the second factor their role requires, sees
 * nothing else until it is done (the server refuses every other call with PASSWORD_CHANGE_REQUIRED or
 * MFA_ENROLMENT_REQUIRED anyway).
 */
export function RequireAuth({
  children,
  allowPasswordChange = false,
  allowMfaEnrolment = false,
}: {
  children: ReactNode;
  allowPasswordChange?: boolean;
  allowMfaEnrolment?: boolean;
}) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (user.mustChangePassword && !allowPasswordChange) return <Navigate to="/change-password" replace />;
  if (user.mfaEnrolmentRequired && !allowMfaEnrolment && !allowPasswordChange)
    return <Navigate to="/second-factor" replace />;
  return <>{children}</>;
}
