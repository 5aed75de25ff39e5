/**
 * Form tokens: when a form was shown, by the server's clock, in a form the server can check and nobody can forge.
 *
 * The time trap needs to know how long a person had the form. A time the page states itself proves nothing: the
 * static /apply/ page can only carry its build time, and a script can send any number. So the API issues a token
 * when the form is shown (`GET /api/applications/form-token`, or inside the form page it renders itself): issue time
 * and a nonce, signed with a key only the API has (adapters/hmac-form-tokens.ts). A submission brings it back.
 *
 * - younger than MIN_FILL_TIME_MS: nobody fills the form that fast; JSON is trapped as spam, while a form posted
 *   without JavaScript (whose token came with the page that asks "please check and submit again") gets that page
 *   again with the same token, since a person may click quickly on a form they already filled in;
 * - older than FORM_TOKEN_MAX_AGE_MS, forged, or missing (the static page has none): nothing is stored, and the
 *   form comes back with a fresh token and the merchant's input, asking them to check and submit once more.
 *
 * A token is good for one application: intake stores its nonce in the same transaction as the application, so a
 * second submission with it (from anywhere) gets the fresh-token answer, while a retry of the very same submission
 * (same idempotency key, or for a form posted without JavaScript the same content with the same token) is answered
 * from its idempotency record.
 *
 * A bot can still fetch a token, wait three seconds and post: the token does not stop bots, it makes each submission
 * cost a round trip and the wait, and it makes the wait measurable. Rate limits and screening do the rest.
 */
export type FormTokenCheck =
  /** `ageMs`: how long ago the API issued it. */
  | ({ kind: 'valid'; ageMs: number } & FormTokenIdentity)
  | ({ kind: 'too_new'; ageMs: number } & FormTokenIdentity)
  | { kind: 'expired' }
  /** Not ours: malformed, forged, or signed with another key. */
  | { kind: 'invalid' };

/**
 * Where a token was issued:
 * - `page`: with an empty form (the form-token route the apply page's script calls): its age is how long a person
 *   had the form, so it feeds the time trap and the timing signals;
 * - `confirm`: with an answer to a post that already carried the filled-in form (the no-JavaScript "please check and
 *   submit again" page, or a `form_token_required` answer). Its age is only how long the merchant took to click
 *   confirm, which says nothing about how they filled the form: no spam signal is ever derived from it.
 */
export type FormTokenOrigin = 'page' | 'confirm';

/** What a genuine token carries besides its age. */
export interface FormTokenIdentity {
  /** Unique per token: intake stores it with the application it was used for, so each token is used once. */
  nonce: string;
  issuedBy: FormTokenOrigin;
  /** When the token stops being accepted (its record of use can go then). */
  expiresAt: Date;
}

/** Issues and checks form tokens (the key stays in the adapter). */
export interface FormTokens {
  issue(now: Date, origin?: FormTokenOrigin): string;
  check(token: string, now: Date): FormTokenCheck;
}

/** Nobody fills the form in under three seconds. */
export const MIN_FILL_TIME_MS = 3_000;
/** A token is good for a working day: a form left open overnight comes back once with a fresh one. */
export const FORM_TOKEN_MAX_AGE_MS = 12 * 3_600_000;
