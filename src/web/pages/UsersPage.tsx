import { UnderConstruction } from '../components/UnderConstruction.tsx';

/** Placeholder: replaced by the users page. */
export function UsersPage() {
  return <UnderConstruction title="menu.users" />;
}
