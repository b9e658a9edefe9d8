// Adding reports from the page and keeping every open page live: the "Add reports" section of
// the sidebar, and the /events listener that refreshes the view after any write.
import './upload.css';
import type * as api from '../api';
import type { App } from '../app';
import { $ } from '../dom';
import type { Research } from '../research';
import { LiveGraph } from './live';
import { UploadPanel } from './upload';

export function registerUpload(app: App, research: Research, overview: Promise<api.Overview>): { live: LiveGraph; upload: UploadPanel } {
  const live = new LiveGraph(app, research, overview);
  // After this page's own writes too, in case /events is not reaching it (a proxy that buffers).
  const upload = new UploadPanel(() => live.refresh());
  $('#sidebar').appendChild(upload.el);
  live.connect();
  return { live, upload };
}
