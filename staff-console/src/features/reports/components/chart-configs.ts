import type { Translate } from '../../../i18n/i18n.ts';
import type { ChartSeries } from '../report-format.ts';
import type { KpiChartConfig } from './kpi-chart.tsx';

// Colours told apart by people with the common colour-vision deficiencies (Okabe–Ito); each line
// also has its own dash and point shape, so the legend reads in black and white too.
const blue = '#0072b2';
const orange = '#d55e00';
const green = '#009e73';
const grey = '#555555';

const common = {
  animation: false,
  responsive: true,
  maintainAspectRatio: false,
  plugins: { legend: { position: 'bottom' } },
} as const;

export function volumeChart(series: ChartSeries, t: Translate): KpiChartConfig {
  return {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: [
        { label: t('kpi.consultations'), data: series.consultations, backgroundColor: blue },
        { label: t('kpi.abandoned'), data: series.abandoned, backgroundColor: orange },
      ],
    },
    options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  };
}

export function waitChart(series: ChartSeries, t: Translate): KpiChartConfig {
  return {
    type: 'line',
    data: {
      labels: series.labels,
      datasets: [
        {
          label: t('kpi.waitMeanSec'),
          data: series.waitMeanSec,
          borderColor: blue,
          backgroundColor: blue,
          pointStyle: 'circle',
        },
        {
          label: t('kpi.waitP90Sec'),
          data: series.waitP90Sec,
          borderColor: orange,
          backgroundColor: orange,
          borderDash: [6, 4],
          pointStyle: 'rectRot',
        },
      ],
    },
    options: { ...common, spanGaps: true, scales: { y: { beginAtZero: true } } },
  };
}

export function satisfactionChart(series: ChartSeries, t: Translate): KpiChartConfig {
  return {
    type: 'bar',
    data: {
      labels: series.labels,
      datasets: [
        {
          type: 'bar',
          label: t('kpi.satisfiedShare'),
          data: series.satisfiedPercent,
          backgroundColor: green,
        },
        {
          type: 'line',
          label: t('dashboard.series-target'),
          data: series.labels.map(() => series.targetPercent),
          borderColor: grey,
          backgroundColor: grey,
          borderDash: [4, 4],
          pointRadius: 0,
        },
      ],
    },
    options: { ...common, scales: { y: { beginAtZero: true, max: 100 } } },
  };
}
