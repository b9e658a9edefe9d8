// Chart.js with the parts the indicator view draws: a chunk of its own (dist/web/chunks/), imported
// when a chart is first opened, so the explorer's first graph does not wait for it to be parsed.
import { Chart, Legend, LinearScale, LineController, LineElement, PointElement, ScatterController, Title, Tooltip } from 'chart.js';

Chart.register(LineController, ScatterController, LineElement, PointElement, LinearScale, Title, Tooltip, Legend);

export { Chart };
