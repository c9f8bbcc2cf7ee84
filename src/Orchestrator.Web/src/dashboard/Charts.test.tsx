import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BarChart, barOptions, LineChart, lineOptions } from './Charts'

const data = { labels: ['return-and-refund'], datasets: [{ label: 'Open', data: [3] }] }

describe('dashboard charts', () => {
  it('draw in a box as an image named for screen readers', () => {
    expect(renderToStaticMarkup(<BarChart label="Cases per process" title="Cases" data={data} />))
      .toBe('<div class="chart"><canvas role="img" height="150" width="300" aria-label="Cases per process"></canvas></div>')
    expect(renderToStaticMarkup(<LineChart title="SLA compliance" data={data} scale={{ min: 0, max: 100 }} />))
      .toBe('<div class="chart"><canvas role="img" height="150" width="300" aria-label="SLA compliance"></canvas></div>')
  })

  it('share size, title and legend; bars count whole numbers from zero, stacked when asked', () => {
    const bars = barOptions('Backlog', true)
    expect(bars).toMatchObject({
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { title: { display: true, text: 'Backlog' }, legend: { position: 'bottom' } },
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
    })
    expect(barOptions('Cases').scales).toMatchObject({ x: { stacked: false }, y: { stacked: false } })
    expect(lineOptions('SLA', { min: 0, max: 100 })).toMatchObject({
      spanGaps: false, plugins: { title: { text: 'SLA' } }, scales: { y: { min: 0, max: 100 } },
    })
  })
})
