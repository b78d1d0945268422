import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Only what the dashboard draws, so the bundle carries no unused chart types.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export type KpiChartConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

interface KpiChartProps {
  /** `dashboard-chart-<name>` */
  testId: string;
  title: string;
  /** What a screen reader hears instead of the picture. */
  description: string;
  /** A new object redraws the chart; keep it memoised. */
  config: KpiChartConfig;
}

/**
 * One Chart.js canvas. Chart.js draws with script only (no inline styles sheet, no eval), so the
 * page's strict CSP holds; the chart is rebuilt when its figures change and destroyed on unmount.
 */
export function KpiChart({ testId, title, description, config }: KpiChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const chart = new Chart(canvas, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <figure className="card kpi-chart" data-testid={testId}>
      <figcaption className="kpi-chart__title">{title}</figcaption>
      <div className="kpi-chart__canvas">
        <canvas ref={canvasRef} role="img" aria-label={description} />
      </div>
    </figure>
  );
}
