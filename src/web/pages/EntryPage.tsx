import { UnderConstruction } from '../components/UnderConstruction.tsx';

/** Placeholder: replaced by the entry page. */
export function EntryPage() {
  return <UnderConstruction title="menu.entry" />;
}
