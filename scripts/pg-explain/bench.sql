-- pg_temp.bench(label, sql): the plan (node and index names on one line) and the mean time of one execution,
-- over as many runs as fit in 300 ms (at least 3, at most 200), after one warm-up run.
CREATE FUNCTION pg_temp.bench(label text, q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  plan text := '';
  line text;
  started timestamptz;
  runs int := 0;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP
    IF line ~ '^\s*(->\s*)?[A-Z]' AND line !~ '^\s*(Filter|Index Cond|Recheck Cond|Sort Key|Group Key|Hash Cond|Join Filter|Order By|Heap Blocks|Workers|Rows Removed|Presorted Key)' THEN
      plan := plan || CASE WHEN plan = '' THEN '' ELSE ' > ' END || regexp_replace(trim(line), '^->\s*', '');
    END IF;
  END LOOP;
  EXECUTE q;
  started := clock_timestamp();
  WHILE runs < 3 OR (runs < 200 AND clock_timestamp() - started < interval '300 ms') LOOP
    EXECUTE q;
    runs := runs + 1;
  END LOOP;
  RETURN format('%s|%s|%s', label, to_char(extract(epoch FROM clock_timestamp() - started) * 1000 / runs, 'FM9990.000'),
                plan);
END $$;
