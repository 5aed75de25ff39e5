/**
 * One-tap copy buttons for `[data-copy-text]` boxes: the WeChat ID in the contact block (a readonly field a merchant
 * can long-press without JavaScript; html-fragments.ts renderContactOptions) and the reference after applying (the
 * box's `data-copy-text` value). The button says `data-copy-label`. WeChat's in-app browser on some phones has no
 * `navigator.clipboard` (or refuses it), so the fallback selects the text and uses the older copy command, which it
 * does support; failing both, the text stays selected for a long-press.
 */
export function enhanceCopyText(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-copy-text]')) {
    const field = box.querySelector('input') ?? box.querySelector('strong');
    if (!field || box.querySelector('button')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = box.dataset.copyLabel ?? '复制';
    const status = document.createElement('span');
    status.setAttribute('role', 'status');
    status.className = 'meta';
    button.addEventListener('click', () => {
      void copy(field, box.dataset.copyText || (field as HTMLInputElement).value).then((copied) => (status.textContent = copied ? '已复制' : '请长按手动复制'));
    });
    box.append(button, status);
  }
}

async function copy(field: HTMLElement, text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (WeChat) or refused: select the text and use the copy command below.
  }
  getSelection()?.selectAllChildren(field);
  if (field instanceof HTMLInputElement) field.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
