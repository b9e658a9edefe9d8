// Deletes everything in the database (tests use it before seeding; Community has one user database).
MATCH (n)
DETACH DELETE n
