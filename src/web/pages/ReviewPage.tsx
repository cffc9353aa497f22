import { UnderConstruction } from '../components/UnderConstruction.tsx';

/** Placeholder: replaced by the review page. */
export function ReviewPage() {
  return <UnderConstruction title="menu.review" />;
}
