// The version of the derived node properties the stored graph was written with (null: none yet).
OPTIONAL MATCH (m:StoreMeta {id: 'derived'})
RETURN m.version AS version
