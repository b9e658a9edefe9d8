// The undo stack: each step is what one user action added to or took from the view, so undoing
// it is removing or restoring those elements (and the explorer's bookkeeping, when it has some).
import type cytoscape from 'cytoscape';

export interface UndoStep {
  label: string;
  added?: cytoscape.Collection;
  removed?: cytoscape.Collection;
  /** Puts back the explorer's own bookkeeping (what each expansion added). */
  undoState?: () => void;
}

/** Older steps fall off the bottom: each holds removed elements alive. */
const DEPTH = 50;

export class UndoStack {
  private readonly steps: UndoStep[] = [];

  /** `paused`: while true (compare mode, whose view is not the explorer's), nothing is undone. */
  constructor(private readonly cy: cytoscape.Core, private readonly button: HTMLButtonElement, private readonly paused: () => boolean) {}

  push(step: UndoStep): void {
    this.steps.push(step);
    if (this.steps.length > DEPTH) this.steps.shift();
    this.refresh();
  }

  /** Adds elements to the most recent step (an edge drawn together with a node). */
  addToLast(eles: cytoscape.Collection): void {
    const last = this.steps[this.steps.length - 1];
    if (last?.added) last.added = last.added.union(eles);
    else this.push({ label: 'add relation', added: eles });
  }

  /** Takes the last step back in the view; the step undone, or null when there was none. */
  undo(): UndoStep | null {
    const step = this.steps.pop();
    if (!step) return null;
    const cy = this.cy;
    if (step.added) cy.remove(step.added.filter((e) => e.inside()));
    step.undoState?.();
    // A relation comes back only with both of its ends.
    if (step.removed) step.removed.filter((e) => e.removed() && (e.isNode() || (cy.getElementById(e.data('source')).nonempty() && cy.getElementById(e.data('target')).nonempty()))).restore();
    return step;
  }

  /** The Undo button: names the step it would undo, disabled while there is none or undo is paused. */
  refresh(): void {
    const last = this.steps[this.steps.length - 1];
    this.button.disabled = !last || this.paused();
    this.button.title = last ? `Undo ${last.label} (Ctrl+Z)` : 'Nothing to undo';
  }
}
