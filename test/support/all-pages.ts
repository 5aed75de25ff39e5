/**
 * Every page of a paged listing (the ports' `{ items, next }`), following `next` until there is none. A listing
 * whose `next` never ends fails the test at the 50th page instead of hanging it.
 */
const MAX_PAGES = 50;

export interface Paging {
  page?: string;
}

export async function allPagesOf<Item>(fetchPage: (paging: Paging) => Promise<{ items: Item[]; next?: string }>): Promise<Item[][]> {
  const pages: Item[][] = [];
  let page: string | undefined;
  do {
    if (pages.length === MAX_PAGES) throw new Error(`still a next page after ${MAX_PAGES} pages: does the listing's next ever end?`);
    const result = await fetchPage(page === undefined ? {} : { page });
    pages.push(result.items);
    page = result.next;
  } while (page !== undefined);
  return pages;
}
