/**
 * The apply page's enhancement of the form that already works without JavaScript (functions/http/html-pages.ts):
 * - fetches a form token when the page is shown (domain/form-token.ts), fills in the attribution fields, and
 *   preselects `?brand=`; a token fetched late, or handed back by the API in place of a missing or expired one, is
 *   used only once it is three seconds old, because a younger one is what bots send;
 * - validates with the shared schema (same Chinese messages as the API) and shows problems next to their fields;
 * - posts JSON with one Idempotency-Key per page render: a double tap, or a retry after the connection dropped,
 *   can only ever create one application;
 * - shows the same "申请已提交" content as the API's thank-you page (renderApplicationReceived, rendered into a
 *   <template> at build time so its text is not shipped twice), with a copy button for the reference.
 */
import { applicationFromFormFields, brands, validateApplication } from '#domain/application.ts';
import { MIN_FILL_TIME_MS } from '#domain/form-token.ts';
import { apiErrorOf, postJson, retryAfterText, type ApiResult } from './api-request.ts';
import { attributionFor } from './attribution.ts';
import { enhanceCopyText } from './copy-text.ts';
import { formEntries, setBusy, showFieldErrors, showFormMessage } from './form-feedback.ts';

const messages = {
  noAnswer: '网络中断，申请可能没有送达。请检查网络后再点“免费申请”，重复提交不会产生两份申请。',
  failed: '提交没有成功，请稍后再试；一直不成功的话，请刷新页面重新填写。',
  keyReused: '这份申请已经提交过，请刷新页面后再提交新的申请。',
  recovered: '网络中断前的申请已收到。之后改动的内容未一起提交，如需更正，请在来电时告诉我们。',
} as const;

export function initApplicationForm(): void {
  enhanceCopyText();
  const form = document.querySelector<HTMLFormElement>('form.application-form');
  if (!form) return;
  const endpoint = form.getAttribute('action') ?? '/api/applications';
  // One key per page render: every retry of this form re-sends it, so the API answers with the same application.
  // Browsers without crypto.randomUUID (before 2022) stop here and post the form as plain HTML instead.
  const idempotencyKey = crypto.randomUUID();

  // When the token in the form arrived (0: none yet). The form posts without one if this fails: the API answers
  // with a token of its own (see send).
  let tokenAt = 0;
  const adoptToken = (token: unknown) => {
    if (typeof token !== 'string') return;
    setField(form, 'formToken', token);
    tokenAt = Date.now();
  };
  const fetchToken = () =>
    fetch(`${endpoint}/form-token`, { credentials: 'same-origin' })
      .then((response) => response.json())
      .then(
        (body: { formToken?: unknown }) => adoptToken(body.formToken),
        () => undefined,
      );
  void fetchToken();
  /** A token young enough to be trapped as a bot's is not sent until it is old enough. */
  const tokenOldEnough = () => new Promise((resolve) => setTimeout(resolve, Math.max(0, tokenAt + MIN_FILL_TIME_MS + 300 - Date.now())));
  for (const [name, value] of Object.entries(attributionFor(new URL(location.href), document.referrer))) {
    if (value !== undefined) setField(form, `attribution.${name}`, value);
  }
  preselectBrand(form, new URLSearchParams(location.search).get('brand'));
  form.dataset.enhanced = 'true';

  let attempted = false;
  let sending = false;
  /** The body of a request that got no answer: it may have been stored under our key. */
  let unanswered: string | undefined;

  const validate = () => validateApplication(applicationFromFormFields(formEntries(form)));

  form.addEventListener('change', () => {
    if (!attempted || sending) return;
    const result = validate();
    showFieldErrors(form, 'application', result.success ? {} : result.fields, { summary: true, focus: false });
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    attempted = true;
    const result = validate();
    showFormMessage(form, undefined);
    if (!result.success) {
      showFieldErrors(form, 'application', result.fields, { summary: true, focus: true });
      return;
    }
    showFieldErrors(form, 'application', {}, { summary: true, focus: false });
    sending = true;
    setBusy(form, true, '正在提交…');
    void (tokenAt ? Promise.resolve() : fetchToken())
      .then(tokenOldEnough)
      .then(() => send(JSON.stringify(applicationFromFormFields(formEntries(form)))))
      .finally(() => {
        sending = false;
        if (form.isConnected) setBusy(form, false, '');
      });
  });

  async function send(json: string, confirmed = false): Promise<void> {
    const answer = await postJson(endpoint, json, { 'idempotency-key': idempotencyKey });
    const freshToken = answer.kind === 'answered' ? answer.formToken : undefined;
    if (freshToken && !confirmed) {
      // The token was missing, forged or expired: nothing was stored. Send once more with the API's token.
      adoptToken(freshToken);
      await tokenOldEnough();
      return send(JSON.stringify(applicationFromFormFields(formEntries(form!))), true);
    }
    const reference = referenceIn(answer);
    if (reference) return showReceived(form!, reference, false);
    if (answer.kind === 'no_answer' || (answer.status >= 200 && answer.status < 300)) {
      unanswered = json;
      return showFormMessage(form!, messages.noAnswer);
    }
    if (json === unanswered) unanswered = undefined;

    const error = apiErrorOf(answer.body);
    switch (answer.status) {
      case 400:
        if (error.fields && Object.keys(error.fields).length > 0) {
          showFieldErrors(form!, 'application', error.fields, { summary: true, focus: true });
          return;
        }
        return showFormMessage(form!, error.message ?? messages.failed);
      case 422:
        // The unanswered request was stored after all, and the merchant has since changed the form: the same key
        // now names that earlier application. Ask for it again (same body, same key) to learn its reference.
        if (unanswered !== undefined && unanswered !== json) return recover(unanswered);
        return showFormMessage(form!, messages.keyReused);
      case 429:
      case 503:
        return showFormMessage(form!, `${error.message ?? messages.failed} ${retryAfterText(answer.retryAfterSeconds)}`);
      default:
        return showFormMessage(form!, messages.failed);
    }
  }

  async function recover(json: string): Promise<void> {
    const reference = referenceIn(await postJson(endpoint, json, { 'idempotency-key': idempotencyKey }));
    if (reference) return showReceived(form!, reference, true);
    showFormMessage(form!, messages.noAnswer);
  }
}

function referenceIn(answer: ApiResult): string | undefined {
  if (answer.kind !== 'answered' || answer.status < 200 || answer.status >= 300) return undefined;
  const reference = (answer.body as { reference?: unknown } | undefined)?.reference;
  return typeof reference === 'string' ? reference : undefined;
}

/** The page becomes what the API's thank-you page shows, plus a copy button. */
function showReceived(form: HTMLFormElement, reference: string, recovered: boolean): void {
  const template = document.querySelector<HTMLTemplateElement>('template#application-received');
  const main = form.closest('main');
  if (!template || !main) return;
  main.replaceChildren(template.content.cloneNode(true));
  const heading = main.querySelector<HTMLElement>('h1');
  if (recovered) {
    const notice = document.createElement('p');
    notice.className = 'notice';
    notice.textContent = messages.recovered;
    heading?.after(notice);
  }
  const shown = main.querySelector('.reference');
  if (shown) shown.textContent = reference;
  main.querySelector<HTMLElement>('.reference-box')?.setAttribute('data-copy-text', reference);
  enhanceCopyText(main);
  document.title = document.title.replace(/^[^|]*\|/, `${heading?.textContent ?? ''} |`);
  heading?.focus();
}

function setField(form: HTMLFormElement, name: string, value: string): void {
  const input = form.elements.namedItem(name);
  if (input instanceof HTMLInputElement) input.value = value;
}

/** `/apply/?brand=lakala` (brand pages and article calls to action link that way) ticks that brand. */
function preselectBrand(form: HTMLFormElement, brand: string | null): void {
  if (!brand || !(brands as readonly string[]).includes(brand)) return;
  const radios = form.querySelectorAll<HTMLInputElement>('input[name="brand"]');
  if ([...radios].some((radio) => radio.checked)) return;
  for (const radio of radios) radio.checked = radio.value === brand;
}
