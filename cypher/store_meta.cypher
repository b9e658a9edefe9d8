// The version of the derived node properties the stored graph was written with (null: none
// yet), and when a bulk load that has not finished started (null: none; load_begin.cypher).
OPTIONAL MATCH (m:StoreMeta {id: 'derived'})
OPTIONAL MATCH (l:StoreMeta {id: 'loading'})
RETURN m.version AS version, l.since AS loadingSince
