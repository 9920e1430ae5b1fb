import { relativeTime } from '../format';
import { useNow } from './useNow';

export function CheckedAt({ iso }: { iso: string | null }) {
  const now = useNow();
  if (!iso) return <span className="checked-at">not checked yet</span>;
  return (
    <time className="checked-at" dateTime={iso} title={iso}>
      {relativeTime(iso, now)}
    </time>
  );
}
