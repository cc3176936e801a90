/** The organisations as a tree by `parent`, built in the browser from the flat list GET /organisations/ sends. */

/** What the tree needs of a row (the API's Organisation has more). */
export interface TreeRow {
  code: string;
  name: string;
  kind: string;
  parent?: string | null;
  valid_until?: string | null;
  succeeded_by?: string | null;
}

export interface OrgNode<T extends TreeRow> {
  org: T;
  children: OrgNode<T>[];
}

// Under the province: the Sở Tư pháp first (it coordinates), then the departments, then the communes.
const KIND_ORDER: Record<string, number> = { province: 0, justice: 1, department: 2, commune: 3 };

/** Merged into another (a successor named) or no longer at work on `today` (ISO date). */
export function isEnded(org: TreeRow, today: string): boolean {
  return Boolean(org.succeeded_by) || Boolean(org.valid_until && org.valid_until < today);
}

/**
 * Rows → tree: each organisation under its parent; merged or ended ones stay under their parent, after the ones at
 * work (the reader looks for today's bodies first, and still finds the 2025 mergers where they were). A row whose
 * parent is not in the list is a root. The API refuses cycles, but the tree must never loop on data that has one
 * (an import, an older row): the rows of a cycle are shown once each, the first of them as a root.
 */
export function buildTree<T extends TreeRow>(rows: T[], today: string): OrgNode<T>[] {
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const row of rows) {
    const parent = row.parent && row.parent !== row.code ? byCode.get(row.parent) : undefined;
    if (parent) children.set(parent.code, [...(children.get(parent.code) ?? []), row]);
    else roots.push(row);
  }
  const order = (a: T, b: T) =>
    Number(isEnded(a, today)) - Number(isEnded(b, today)) ||
    (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) ||
    a.name.localeCompare(b.name, "vi");
  const placed = new Set<string>();
  const grow = (org: T): OrgNode<T> => {
    placed.add(org.code);
    const below = (children.get(org.code) ?? []).filter((child) => !placed.has(child.code)).sort(order);
    // Mark the whole level before descending, so a child is never placed twice on two branches.
    for (const child of below) placed.add(child.code);
    return { org, children: below.map(grow) };
  };
  const tree = roots.sort(order).map(grow);
  // Rows never reached from a root sit on a cycle (or under one): break it at the first such row, by code.
  for (const row of [...rows].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!placed.has(row.code)) tree.push(grow(row));
  }
  return tree;
}

/** Every organisation of the tree, depth first, with its depth (for the parent and successor choices). */
export function flatten<T extends TreeRow>(tree: OrgNode<T>[], depth = 0): { org: T; depth: number }[] {
  return tree.flatMap((node) => [{ org: node.org, depth }, ...flatten(node.children, depth + 1)]);
}
