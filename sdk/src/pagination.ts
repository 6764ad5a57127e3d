import { APIPromise } from './api-promise.js';
import { APIInvalidRequestError } from './errors.js';

/** The paging fields every list body has: its items under one key, and the next page's token. */
interface PagedBody { next_page_token?: string | null | undefined }

/** Methods every list page has on top of its body fields (`products` / `orders`, `next_page_token`). */
export interface PageMethods<Body, Item> extends AsyncIterable<Item> {
  /** True when the server returned a `next_page_token`. */
  hasNextPage(): boolean;
  /** Fetches the page after this one (same call options); rejects with APIInvalidRequestError when `hasNextPage()` is false. */
  getNextPage(): Promise<Page<Body, Item>>;
  /** This page and every following one, fetched as the loop asks for them. */
  iterPages(): AsyncGenerator<Page<Body, Item>, void, undefined>;
}

/** One page of a list: the response body (e.g. `.products`, `.next_page_token`) plus paging methods. */
export type Page<Body, Item> = Body & PageMethods<Body, Item>;

class PageImpl<Body extends PagedBody, Item> implements PageMethods<Body, Item> {
  readonly #items: () => readonly Item[];
  readonly #fetchPage: (pageToken: string) => PagePromise<Body, Item>;

  constructor(body: Body, itemsKey: keyof Body, fetchPage: (pageToken: string) => PagePromise<Body, Item>) {
    Object.assign(this, body);
    this.#items = () => (body[itemsKey] as readonly Item[] | undefined) ?? [];
    this.#fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    const token = (this as PagedBody).next_page_token;
    return typeof token === 'string' && token !== '';
  }

  getNextPage(): Promise<Page<Body, Item>> {
    const token = (this as PagedBody).next_page_token;
    if (typeof token !== 'string' || token === '') {
      return Promise.reject(new APIInvalidRequestError('No next page: check hasNextPage() first.'));
    }
    return this.#fetchPage(token);
  }

  async *iterPages(): AsyncGenerator<Page<Body, Item>, void, undefined> {
    let page = this as unknown as Page<Body, Item>;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) {
      yield* (page as unknown as PageImpl<Body, Item>).#items();
    }
  }
}

/**
 * Wraps a list body as a Page. `fetchPage(token)` loads the page for a `page_token` with the
 * original call's query and options. @internal
 */
export function createPage<Body extends PagedBody, Item>(
  body: Body,
  itemsKey: keyof Body,
  fetchPage: (pageToken: string) => PagePromise<Body, Item>,
): Page<Body, Item> {
  return new PageImpl<Body, Item>(body, itemsKey, fetchPage) as unknown as Page<Body, Item>;
}

/**
 * What `list()` returns: an APIPromise of the first page (so also `withResponse()` and
 * `asResponse()`) that is also async-iterable over every item of every page
 * (`for await (const p of client.products.list())`). The first page is requested at once.
 */
export class PagePromise<Body, Item> extends APIPromise<Page<Body, Item>> implements AsyncIterable<Item> {
  override get [Symbol.toStringTag](): string {
    return 'PagePromise';
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this;
  }
}
