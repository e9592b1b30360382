// Whether the server answers (at start-up, before anything else).
RETURN 1 AS ok
