// A bulk load split over transactions drops the lookup indexes of schema.cypher before it
// writes (the graph is not served meanwhile) and creates them again afterwards (schema.cypher,
// then await_indexes.cypher): populating an index once over 100k nodes costs far less than
// updating it row by row. The uniqueness constraints stay: the load finds edge ends through
// them, and they refuse duplicate ids. init() applies schema.cypher too, so a killed load
// leaves no index missing for long. Statements end with ';' at the end of a line.
DROP INDEX node_type IF EXISTS;
DROP INDEX node_sort_key IF EXISTS;
DROP INDEX node_search_text IF EXISTS;
DROP INDEX node_en_text IF EXISTS;
DROP INDEX report_edition IF EXISTS;
DROP INDEX node_names IF EXISTS;
