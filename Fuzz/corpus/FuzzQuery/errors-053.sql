SELECT id,
  name,
  amount ++ FROM t