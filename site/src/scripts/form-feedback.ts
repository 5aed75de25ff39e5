/**
 * Messages on the apply and status forms when the browser (or the API's JSON answer) finds a problem: exactly the
 * markup the server renders for the same problem (functions/http/html-fragments.ts), so a merchant sees the same
 * message in the same place with or without JavaScript.
 */
import type { FieldErrors } from '#domain/application.ts';
import { errorSummaryIdOf, fieldErrorIdOf, renderErrorSummary, renderFieldError, type FormPrefix } from '#functions/http/html-fragments.ts';

interface FormField {
  name: string;
  /** `.field` wrapper: a div, or the fieldset of a radio group. */
  container: HTMLElement;
  /** The element carrying aria-invalid / aria-describedby: the control, or the radio group's fieldset. */
  described: HTMLElement;
  /** Where focus goes when this is the first field with a problem. */
  focusTarget: HTMLElement;
}

function fieldsOf(form: HTMLFormElement): FormField[] {
  const fields: FormField[] = [];
  for (const container of form.querySelectorAll<HTMLElement>('.field')) {
    const controls = [...container.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];
    const first = controls[0];
    if (!first) continue;
    const isGroup = container instanceof HTMLFieldSetElement;
    const checked = controls.find((control) => control instanceof HTMLInputElement && control.checked);
    fields.push({ name: first.name, container, described: isGroup ? container : first, focusTarget: (isGroup && checked) || first });
  }
  return fields;
}

export interface ShowErrorsOptions {
  /** Also list the problems in a summary at the top of the form (the application form has one). */
  summary: boolean;
  /** Move focus to the first field with a problem. */
  focus: boolean;
}

/** Marks every field in `errors` (message, aria-invalid, aria-describedby) and clears every other field. */
export function showFieldErrors(form: HTMLFormElement, prefix: FormPrefix, errors: FieldErrors, options: ShowErrorsOptions): void {
  let firstInvalid: HTMLElement | undefined;
  for (const field of fieldsOf(form)) {
    const message = Object.hasOwn(errors, field.name) ? errors[field.name] : undefined;
    const errorId = fieldErrorIdOf(prefix, field.name);
    for (const old of field.container.querySelectorAll(`:scope > .field-error`)) old.remove();
    field.container.classList.toggle('field-invalid', message !== undefined);
    const describedBy = (field.described.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '' && id !== errorId);
    if (message !== undefined) {
      field.container.insertAdjacentHTML('beforeend', renderFieldError(prefix, field.name, message));
      describedBy.push(errorId);
      field.described.setAttribute('aria-invalid', 'true');
      firstInvalid ??= field.focusTarget;
    } else {
      field.described.removeAttribute('aria-invalid');
    }
    if (describedBy.length > 0) field.described.setAttribute('aria-describedby', describedBy.join(' '));
    else field.described.removeAttribute('aria-describedby');
  }
  if (options.summary) {
    form.querySelector(`#${errorSummaryIdOf(prefix)}`)?.remove();
    form.insertAdjacentHTML('afterbegin', renderErrorSummary(prefix, errors));
  }
  if (options.focus) (firstInvalid ?? form.querySelector<HTMLElement>(`#${errorSummaryIdOf(prefix)}`))?.focus();
}

/** A problem that is not a field's (limits, outages, no connection), above the form like the server's notice. */
export function showFormMessage(form: HTMLFormElement, message: string | undefined): void {
  const previous = form.previousElementSibling;
  if (previous?.matches('.form-message')) previous.remove();
  if (message === undefined) return;
  const notice = document.createElement('p');
  notice.className = 'form-message';
  notice.setAttribute('role', 'alert');
  notice.textContent = message;
  form.before(notice);
}

/** While a request is out: the submit button is disabled and says so, so a second tap cannot send again. */
export function setBusy(form: HTMLFormElement, busy: boolean, busyLabel: string): void {
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  form.setAttribute('aria-busy', String(busy));
  if (!button) return;
  button.dataset.label ??= button.textContent ?? '';
  button.disabled = busy;
  button.textContent = busy ? busyLabel : button.dataset.label;
}

/** Plain string pairs from a form (files cannot occur in our forms). */
export function formEntries(form: HTMLFormElement): [string, string][] {
  return [...new FormData(form)].map(([name, value]) => [name, typeof value === 'string' ? value : '']);
}
