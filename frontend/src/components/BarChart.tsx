import { useI18n } from "../i18n";

export interface Bar {
  label: string;
  value: number;
}

/** A horizontal bar chart in SVG, with the same figures as a visually hidden table for screen readers. */
export function BarChart({ title, bars, testId }: { title: string; bars: Bar[]; testId?: string }) {
  const { t } = useI18n();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const rowHeight = 26;
  const labelWidth = 170;
  const width = 520;
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">{t("dash.nothing")}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${bars.length * rowHeight}`} aria-hidden="true" focusable="false">
            {bars.map((bar, index) => {
              const length = ((width - labelWidth - 50) * bar.value) / max;
              const y = index * rowHeight;
              return (
                <g key={bar.label}>
                  <text x={labelWidth - 8} y={y + 17} textAnchor="end" className="chart-label">
                    {bar.label.length > 24 ? `${bar.label.slice(0, 23)}…` : bar.label}
                  </text>
                  <rect x={labelWidth} y={y + 4} width={Math.max(length, 1)} height={rowHeight - 8} className="chart-bar" />
                  <text x={labelWidth + length + 6} y={y + 17} className="chart-value">
                    {bar.value}
                  </text>
                </g>
              );
            })}
          </svg>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <tbody>
              {bars.map((bar) => (
                <tr key={bar.label}>
                  <th scope="row">{bar.label}</th>
                  <td>{bar.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
