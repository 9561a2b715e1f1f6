-- Bounding boxes listed by date walk a grid of one-degree cells. Keep in
-- step with ../postgres/0011_box_cells.sql and boxCells in incidentsql.go,
-- which writes the cell expression exactly as here (SQLite uses an index
-- on an expression only for that expression).
--
-- The R*Tree of 0006 finds a box's points, but not in date order: a list
-- read every point of the box (tens of thousands for five degrees over a
-- populated area on the 1M load store) from the incidents table and
-- sorted them, or walked the date index reading incidents until a page of
-- them fell in the box. On this index, whose entries hold everything a
-- box and date filter test, a page walks each cell of the box newest
-- first and stops after a page per cell, reading no incident row; only
-- the page's own rows are read. The cell is
-- trunc(lat + 90) * 361 + trunc(lon + 180) (both sums are >= 0, so the
-- cast truncates to the floor; 361 columns keep lon = 180 apart from the
-- next row's lon = -180).
CREATE INDEX incidents_cell ON incidents
    ((CAST(lat + 90 AS INTEGER) * 361 + CAST(lon + 180 AS INTEGER)), date_start, id, date_end, lon, lat)
    WHERE lat IS NOT NULL AND lon IS NOT NULL;
