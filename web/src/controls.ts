// The toolbar, the export menu and the keyboard: what each button and key asks of the explorer.
import type cytoscape from 'cytoscape';
import { $ } from './dom';
import { exportCsv, exportJson, exportPng, exportSvg } from './exporters';
import type { LayoutName } from './graph';

export type Mode = 'explore' | 'compare' | 'path';

/** What the controls ask of the explorer (App). */
export interface Explorer {
  readonly cy: cytoscape.Core;
  readonly mode: Mode;
  readonly selected: string | null;
  setMode(mode: Mode): Promise<void>;
  layoutAgain(name?: LayoutName): void;
  resetView(): Promise<void>;
  undo(): void;
  expand(id: string): Promise<void>;
  remove(id: string): void;
  unselect(): void;
  navKey(e: KeyboardEvent): boolean;
  say(text: string, error?: boolean): void;
}

/** Zooms about the middle of the view. */
export function zoomBy(cy: cytoscape.Core, f: number): void {
  cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

export function bindControls(app: Explorer): void {
  const cy = app.cy;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.modes [data-mode]')) {
    b.addEventListener('click', () => void app.setMode(b.dataset.mode as Mode));
  }
  $('#fit').addEventListener('click', () => cy.animate({ fit: { eles: cy.elements(':visible'), padding: 30 } }, { duration: 250 }));
  $('#zoom-in').addEventListener('click', () => zoomBy(cy, 1.3));
  $('#zoom-out').addEventListener('click', () => zoomBy(cy, 1 / 1.3));
  $('#undo').addEventListener('click', () => app.undo());
  const layout = $('#layout') as HTMLSelectElement;
  layout.addEventListener('change', () => app.layoutAgain(layout.value as LayoutName));
  $('#relayout').addEventListener('click', () => app.layoutAgain());
  $('#reset').addEventListener('click', () => void app.resetView());
  const menu = $('#export-menu') as HTMLDetailsElement;
  const run = (fn: () => unknown, what: string) => async () => {
    menu.open = false;
    try {
      await fn();
      app.say(`Saved ${what}`);
    } catch (e) {
      app.say(`Export failed: ${(e as Error).message}`, true);
    }
  };
  const scale = $('#export-scale') as HTMLSelectElement;
  $('#export-png').addEventListener('click', run(() => exportPng(cy, Number(scale.value) || 2), 'a PNG of the whole view'));
  $('#export-svg').addEventListener('click', run(() => exportSvg(cy), 'an SVG of the whole view'));
  $('#export-json').addEventListener('click', run(() => exportJson(cy), 'the elements as JSON'));
  $('#export-csv').addEventListener('click', run(() => exportCsv(cy), 'the visible nodes with their quotes as CSV'));
  document.addEventListener('click', (e) => {
    if (menu.open && !menu.contains(e.target as Node)) menu.open = false;
  });
  $('#toggle-sidebar').addEventListener('click', () => {
    const open = document.body.classList.toggle('sidebar-open');
    $('#toggle-sidebar').setAttribute('aria-expanded', String(open));
  });
}

export function bindKeys(app: Explorer): void {
  const cy = app.cy;
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    const typing = t.closest('input, select, textarea, [contenteditable]') !== null;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      return app.undo();
    }
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if ((document.querySelector('#reader') as HTMLDialogElement).open) return;
    const selected = app.selected;
    if (e.key === '/') {
      e.preventDefault();
      ($('#search') as HTMLInputElement).focus();
    } else if (e.key === 'Escape' && selected) app.unselect();
    else if (t.id === 'cy' && app.navKey(e)) e.preventDefault();
    else if ((e.key === 'e' || e.key === 'E') && selected) void app.expand(selected);
    else if ((e.key === 'Delete' || e.key === 'Backspace') && selected && t.id === 'cy') app.remove(selected);
    else if (e.key === 'f' || e.key === 'F') cy.fit(cy.elements(':visible'), 30);
    else if (e.key === '+' || e.key === '=') zoomBy(cy, 1.3);
    else if (e.key === '-') zoomBy(cy, 1 / 1.3);
    // Plain arrows move between nodes (KeyboardNav); with Shift they pan.
    else if (t.id === 'cy' && e.key.startsWith('Arrow')) {
      e.preventDefault();
      const d = 60;
      cy.panBy({ x: e.key === 'ArrowLeft' ? d : e.key === 'ArrowRight' ? -d : 0, y: e.key === 'ArrowUp' ? d : e.key === 'ArrowDown' ? -d : 0 });
    }
  });
}
