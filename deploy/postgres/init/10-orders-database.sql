-- Run by the postgres image once, on an empty volume (after POSTGRES_DB=products is created):
-- order-service gets its own database, so each service owns its data (docker-compose.yml).
CREATE DATABASE orders OWNER ecommerce;
