-- With several writers an identity value is taken at insert time but becomes visible at commit, so a
-- reader tailing "id > last" could pass over a lower id that commits later. Holding one transaction-scoped
-- advisory lock from the event insert to the commit makes commit order equal id order.
-- name: event.order_lock
SELECT pg_advisory_xact_lock(7370001)
