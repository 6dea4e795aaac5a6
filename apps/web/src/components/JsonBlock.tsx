/** Before/after snapshots in the audit views. */
export function JsonBlock({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span style={{ color: '#595959' }}>（无）</span>;
  return <pre className="jt-json">{JSON.stringify(value, null, 2)}</pre>;
}
