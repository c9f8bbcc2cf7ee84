import { Bar, Line } from 'react-chartjs-2'
import {
  BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Title, Tooltip, type ChartData, type ChartOptions,
} from 'chart.js'

Chart.register(BarElement, LineElement, PointElement, CategoryScale, LinearScale, Legend, Title, Tooltip)

/** What every dashboard chart shares: it fills its box (sized by CSS), draws at once, titled, with the legend below. */
const common = (title: string) => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false,
  plugins: { title: { display: true, text: title }, legend: { position: 'bottom' } },
}) as const

/** A bar chart's options: counts from zero in whole numbers, the series side by side or stacked. */
export const barOptions = (title: string, stacked = false): ChartOptions<'bar'> => ({
  ...common(title),
  scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
})

/** A line chart's options: gaps where a period has no value, the y axis bounded as the figure needs. */
export const lineOptions = (title: string, scale: { min?: number; max?: number }): ChartOptions<'line'> => ({
  ...common(title),
  spanGaps: false,
  scales: { y: scale },
})

/**
 * A bar chart in its box: an image named `label` for screen readers (the same figures stand in a table beside it),
 * `title` drawn above it.
 */
export function BarChart({ label, title, data, stacked = false }: { label: string; title: string; data: ChartData<'bar'>; stacked?: boolean }) {
  return <div className="chart"><Bar aria-label={label} role="img" data={data} options={barOptions(title, stacked)} /></div>
}

/** A line chart in its box, named and titled `title`. */
export function LineChart({ title, data, scale }: { title: string; data: ChartData<'line'>; scale: { min?: number; max?: number } }) {
  return <div className="chart"><Line aria-label={title} role="img" data={data} options={lineOptions(title, scale)} /></div>
}
