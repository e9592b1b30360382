// Delete every node and relationship (for a database the caller owns, such as a test database).
MATCH (n)
DETACH DELETE n
