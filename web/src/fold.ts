// Sidebar sections that fold, so that on a laptop screen every section's heading is in sight
// without scrolling the page: the legend stays open, later sections fold from the bottom while
// the sidebar overflows, and what the user opens or folds is remembered in this browser.
const KEY = 'kg.folded';

function remembered(): Record<string, boolean> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, boolean>;
  } catch {
    return {};
  }
}

const nameOf = (panel: HTMLElement) => panel.id || panel.querySelector('.panel-head h2')?.textContent?.trim() || '';

function setFolded(panel: HTMLElement, folded: boolean): void {
  panel.classList.toggle('folded', folded);
  panel.querySelector('.panel-head h2')?.setAttribute('aria-expanded', String(!folded));
}

function wire(panel: HTMLElement, onToggle: () => void): void {
  const h2 = panel.querySelector<HTMLElement>('.panel-head h2');
  if (!h2 || h2.dataset.fold) return;
  h2.dataset.fold = '1';
  h2.setAttribute('role', 'button');
  h2.tabIndex = 0;
  h2.setAttribute('aria-expanded', String(!panel.classList.contains('folded')));
  const toggle = () => {
    const folded = !panel.classList.contains('folded');
    setFolded(panel, folded);
    localStorage.setItem(KEY, JSON.stringify({ ...remembered(), [nameOf(panel)]: folded }));
    onToggle();
  };
  h2.addEventListener('click', toggle);
  h2.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      toggle();
    }
  });
}

/** Makes the sidebar's sections fold, now and as extensions add sections. */
export function foldablePanels(sidebar: HTMLElement): void {
  const panels = () => [...sidebar.querySelectorAll<HTMLElement>(':scope > .panel')];
  const fit = () => {
    const choice = remembered();
    for (const p of panels()) if (nameOf(p) in choice) setFolded(p, choice[nameOf(p)]);
    // Sections the user never chose about fold from the bottom up while the page would scroll.
    const free = panels().slice(1).filter((p) => !(nameOf(p) in choice)).reverse();
    for (const p of free) {
      if (document.documentElement.scrollHeight <= window.innerHeight && sidebar.scrollHeight <= sidebar.clientHeight + 1) break;
      setFolded(p, true);
    }
  };
  const wireAll = () => panels().forEach((p) => wire(p, () => undefined));
  wireAll();
  fit();
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      wireAll();
      fit();
    });
  }).observe(sidebar, { childList: true, subtree: true });
}
