import { UnderConstruction } from '../components/UnderConstruction.tsx';

/** Placeholder: replaced by the rounds page. */
export function RoundsPage() {
  return <UnderConstruction title="menu.rounds" />;
}
