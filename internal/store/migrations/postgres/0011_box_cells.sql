-- Bounding boxes listed by date walk a grid of one-degree cells. Keep in
-- step with ../sqlite/0011_box_cells.sql and boxCells in incidentsql.go,
-- which writes the cell expression exactly as here (an index on an
-- expression serves only that expression).
--
-- The GiST index of 0006 finds a box's points, but not in date order: a
-- list read every point of the box (tens of thousands for five degrees
-- over a populated area on the 1M load store) and sorted them, or walked
-- the date index reading incidents until a page of them fell in the box.
-- On this index, whose entries hold everything a box and date filter
-- test, a page walks each cell of the box newest first and stops after a
-- page per cell (an index-only scan); only the page's own rows are read.
-- The cell is floor(lat + 90) * 361 + floor(lon + 180) (361 columns keep
-- lon = 180 apart from the next row's lon = -180).
CREATE INDEX incidents_cell ON incidents
    ((CAST(floor(lat + 90) AS INTEGER) * 361 + CAST(floor(lon + 180) AS INTEGER)), date_start, id)
    INCLUDE (date_end, lon, lat)
    WHERE lat IS NOT NULL AND lon IS NOT NULL;
