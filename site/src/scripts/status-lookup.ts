/**
 * The status page's enhancement of the lookup form (which works without JavaScript: the API renders a result
 * page): asks the API for JSON and shows the result under the form, rendered by the same function as the API's
 * result page. The API validates (with the shared schema and its Chinese messages, shown next to the fields here);
 * the page does not bundle the schema, which would make its script ten times larger for two fields.
 */
import { applicationStatuses, type ApplicationStatus } from '#domain/application-status.ts';
import { normaliseReference } from '#domain/reference.ts';
import { renderStatusResult, type StatusResult } from '#functions/http/status-result-html.ts';
import { apiErrorOf, postJson, retryAfterText } from './api-request.ts';
import { enhanceCopyText } from './copy-text.ts';
import { formEntries, setBusy, showFieldErrors, showFormMessage } from './form-feedback.ts';

const messages = {
  noAnswer: '网络连接中断，没有查到结果。请检查网络后再试。',
  failed: '查询没有成功，请稍后再试。',
} as const;

export function initStatusLookup(): void {
  enhanceCopyText();
  const form = document.querySelector<HTMLFormElement>('form.status-form');
  const output = document.querySelector<HTMLElement>('#status-output');
  if (!form || !output) return;
  const endpoint = form.getAttribute('action') ?? '/api/applications/status';
  let sending = false;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (sending) return;
    // `pa7k3f9q2m` reads back as `PA-7K3F-9Q2M`, so the merchant sees which reference was looked up.
    const referenceInput = form.elements.namedItem('reference');
    if (referenceInput instanceof HTMLInputElement) referenceInput.value = normaliseReference(referenceInput.value) ?? referenceInput.value;
    showFormMessage(form, undefined);
    output.replaceChildren();
    sending = true;
    setBusy(form, true, '正在查询…');
    void lookUp(JSON.stringify(Object.fromEntries(formEntries(form)))).finally(() => {
      sending = false;
      setBusy(form, false, '');
    });
  });

  async function lookUp(json: string): Promise<void> {
    const answer = await postJson(endpoint, json);
    if (answer.kind === 'no_answer') return showFormMessage(form!, messages.noAnswer);
    const error = apiErrorOf(answer.body);
    const fields = answer.status === 400 ? (error.fields ?? {}) : {};
    showFieldErrors(form!, 'status', fields, { summary: false, focus: Object.keys(fields).length > 0 });
    if (answer.status === 200 && isStatusResult(answer.body)) {
      output!.innerHTML = `<h2 id="status-result-title" tabindex="-1">查询结果</h2>\n${renderStatusResult(answer.body)}`;
      output!.querySelector<HTMLElement>('h2')?.focus();
    } else if (answer.status === 429 || answer.status === 503) {
      showFormMessage(form!, `${error.message ?? messages.failed} ${retryAfterText(answer.retryAfterSeconds)}`);
    } else if (Object.keys(fields).length === 0) {
      // 404 (not found) and anything unexpected: the API's own message when it gave one.
      showFormMessage(form!, error.message ?? messages.failed);
    }
  }
}

function isStatusResult(body: unknown): body is StatusResult {
  const candidate = body as Partial<StatusResult> | undefined;
  return (
    typeof candidate?.reference === 'string' &&
    typeof candidate.updatedAt === 'string' &&
    (applicationStatuses as readonly string[]).includes(candidate.status as ApplicationStatus)
  );
}
