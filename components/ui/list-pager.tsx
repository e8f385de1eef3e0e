import { Button } from "@/components/ui/button";

const fmt = new Intl.NumberFormat("en");

/** The line under a server-paginated list: how many, which page, active filters, previous/next. */
export function ListPager({
  total,
  noun,
  page,
  pageCount,
  activeFilters,
  onPage,
  testId,
}: {
  total: number;
  noun: [one: string, many: string];
  page: number;
  pageCount: number;
  activeFilters: number;
  onPage: (page: number) => void;
  testId?: string;
}) {
  return (
    <div className="flex items-center justify-between text-sm text-zinc-600 dark:text-zinc-400">
      <span data-testid={testId}>
        {fmt.format(total)} {total === 1 ? noun[0] : noun[1]} · page {page} of {pageCount}
        {activeFilters > 0 && ` · ${activeFilters} ${activeFilters === 1 ? "filter" : "filters"} active`}
      </span>
      <div className="flex gap-2">
        <Button variant="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </Button>
        <Button variant="secondary" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next
        </Button>
      </div>
    </div>
  );
}
