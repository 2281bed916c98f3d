/** After a failed submit, move focus to the first field with an error, once React has marked it. */
export function focusFirstInvalid(form: HTMLFormElement): void {
  requestAnimationFrame(() => {
    const target = form.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid] button, [data-invalid] input');
    target?.focus();
  });
}
