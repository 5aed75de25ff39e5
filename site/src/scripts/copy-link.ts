/**
 * Progressive enhancement for CopyLinkButton on pages that already ship a script: adds a one-tap copy button
 * next to the readonly URL field. Without JavaScript (or without clipboard access) the field still works.
 */
export function enhanceCopyLinks(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLDetailsElement>('details[data-copy-link]')) {
    const input = box.querySelector('input');
    if (!input || !navigator.clipboard) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button';
    button.textContent = '一键复制';
    const status = document.createElement('span');
    status.setAttribute('role', 'status');
    status.className = 'meta';
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(input.value);
        status.textContent = ' 已复制';
      } catch {
        input.select();
        status.textContent = ' 请长按链接手动复制';
      }
    });
    box.append(button, status);
  }
}
