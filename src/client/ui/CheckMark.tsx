/** The tick drawn inside a custom checkbox; decorative, the checkbox itself carries the state. */
export function CheckMark() {
  return (
    <span className="checkbox-box" aria-hidden="true">
      <svg viewBox="0 0 18 18" className="checkbox-mark">
        <polyline points="3 9.5 7.5 14 15 4.5" />
      </svg>
    </span>
  );
}
