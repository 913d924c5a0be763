import Link from 'next/link';
import { EmptyState } from '@/components/EmptyState';

export default function NotFound() {
  return (
    <>
      <div className="page-header">
        <h1>Page not found</h1>
      </div>
      <EmptyState title="There is no page at this address">
        Go back to the <Link href="/">library</Link>.
      </EmptyState>
    </>
  );
}
