// The saved-view format: a view survives the link's encoding exactly, and a damaged link or a
// bad views file is refused with the reason (the explorer then changes nothing).
import { checkName, FILE_KIND, parseViewsFile, viewsFile, withViews, type SavedView } from '../../../web/src/views/savedViews';
import { checkViewState, decodeView, encodeView, ViewStateError, type ViewState } from '../../../web/src/views/viewState';

const view: ViewState = {
  v: 1, mode: 'explore', lang: 'en',
  nodes: ['agency:绍兴市公安局', 'reform:繁简分流', 'unit:执法办案管理中心', 'policy_document:关于深化执法规范化建设的意见'],
  pos: [0, 0, 120, -40, -75, 300, 12, 13],
  edges: [[0, 1, 'RUNS', 'through measures'], [1, 2, 'INVOLVES'], [0, 3, 'RELATED_TO', 0, 2.5]],
  exp: [[2, [1, 3]]],
  hidden: ['OBSERVATION'], offBureaus: ['agency:杭州市公安局'], offYears: [2022], topics: ['topic:digital'],
  layout: 'concentric', extent: [-200, -100, 400, 350], sel: 'unit:执法办案管理中心',
};

describe('view links', () => {
  test('a view comes back from its link exactly, and the link is compact', async () => {
    const link = await encodeView(view);
    expect(link).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    // Shorter than the same JSON written into a URL as it is.
    expect(link.length).toBeLessThan(encodeURIComponent(JSON.stringify(view)).length);
    expect(await decodeView(link)).toEqual(view);
  });

  test('a damaged or foreign link is refused with the reason', async () => {
    const link = await encodeView(view);
    await expect(decodeView(link.slice(0, link.length - 12))).rejects.toThrow(/damaged/);
    await expect(decodeView(`2.${link.slice(2)}`)).rejects.toThrow(/version 2.*reads version 1/);
    await expect(decodeView('1.not+base64')).rejects.toThrow(/not base64url/);
    await expect(decodeView('nodot')).rejects.toThrow(ViewStateError);
  });

  test('every field is checked: indexes inside the node list, known layouts, ids', () => {
    expect(() => checkViewState({ ...view, edges: [[0, 9, 'USES']] })).toThrow(/an edge must be/);
    expect(() => checkViewState({ ...view, exp: [[0, [7]]] })).toThrow(/"exp"/);
    expect(() => checkViewState({ ...view, pos: [1, 2] })).toThrow(/two finite numbers per node/);
    expect(() => checkViewState({ ...view, layout: 'cola' })).toThrow(/"layout" must be one of/);
    expect(() => checkViewState({ ...view, nodes: ['繁简分流', ...view.nodes.slice(1)] })).toThrow(/node ids/);
    expect(() => checkViewState({ ...view, nodes: [view.nodes[0], view.nodes[0]], pos: [0, 0, 0, 0], edges: [], exp: [] })).toThrow(/twice/);
    expect(() => checkViewState({ ...view, extent: [5, 0, 5, 10] })).toThrow(/"extent"/);
    expect(() => checkViewState({ ...view, sel: 'javascript:alert(1)' })).not.toThrow();
    expect(() => checkViewState({ ...view, sel: 'x' })).toThrow(/"sel"/);
  });
});

describe('views files', () => {
  const saved: SavedView = { name: 'Digital', savedAt: '2026-12-04T10:00:00.000Z', view };

  test('a file written by the explorer reads back the same views', () => {
    const text = viewsFile([saved]);
    expect(JSON.parse(text).kind).toBe(FILE_KIND);
    expect(parseViewsFile(text)).toEqual([saved]);
  });

  test('a bad file names its first problem', () => {
    expect(() => parseViewsFile('{')).toThrow(/not a JSON file/);
    expect(() => parseViewsFile('{"views":[]}')).toThrow(/not a saved-views file/);
    expect(() => parseViewsFile(JSON.stringify({ kind: FILE_KIND, version: 1, views: [] }))).toThrow(/holds no views/);
    const two = JSON.parse(viewsFile([saved, { ...saved, name: 'Other', view: { ...view, mode: 'sideways' as never } }]));
    expect(() => parseViewsFile(JSON.stringify(two))).toThrow(/view 2 \(Other\): "mode" must be one of/);
    expect(() => parseViewsFile(viewsFile([saved, saved]))).toThrow(/used twice/);
  });

  test('names are required and bounded; a view of the same name is replaced', () => {
    expect(() => checkName('   ')).toThrow(/give the view a name/);
    expect(() => checkName('x'.repeat(121))).toThrow(/at most 120/);
    const other = { ...saved, name: 'Other' };
    const r = withViews([saved, other], [{ ...saved, savedAt: '2026-12-05T00:00:00.000Z' }]);
    expect(r.replaced).toBe(1);
    expect(r.views.map((v) => [v.name, v.savedAt])).toEqual([['Other', saved.savedAt], ['Digital', '2026-12-05T00:00:00.000Z']]);
  });
});
