"""plan_vs_actual: what a plan set beside what was reached, one row an indicator, place and period.

In: the ``mentions`` table with its facts (``kind`` target/actual, ``indicator_key``, ``place_normalized``,
``period_*``) and the ``indicators`` table of the key catalog (label, direction). Out: the SQL of the
``plan_vs_actual`` view, which ``store`` creates, so that "did the province reach what its HĐND
resolution planned?" is one query whether the target and the result stand in one document or two.

How a target finds its result:

- like with like: the same key, type, unit and change (a growth target beside a growth result,
  and a growth rate is a rise however stated: ``GRDP đạt 8,2%`` beside ``tăng trên 8%``;
  a count's unit with or without its ``/vạn dân`` or what it counts: ``hộ``, ``hộ nghèo``),
  the same place, and two levels, not a level and a share of another (``đạt 104% dự toán``,
  ``bằng 95% so với cùng kỳ`` are ratios, never a result to set beside a level); two shares of the
  same thing do meet (``giải ngân 100% kế hoạch vốn`` beside ``giải ngân đạt 96% kế hoạch``);
- the same period, or the same year when one side is the whole year and the other reaches into
  its last quarter (a target for ``năm 2025`` beside the rate ``đến cuối năm 2025``);
- a company's or a product's figures (``doanh thu``, ``giá``: the catalog's ``by_place`` false) only
  within one document, as two texts' ``doanh thu`` are seldom the same company's;
- of several candidates, the best: the same period first, then the period closest in length, then
  a result from another document (a report rather than a plan's own look back), then the first
  stated (a report repeats its headline figure). One row per target period, never a
  cross-product of repeated figures.

``met`` judges the result by the target's qualifier first (``từ 8% trở lên`` at_least: the result
≥ 8; ``dưới 4%`` under: < 4), else by the indicator's direction: where higher is better, a result
at or above the target (the low end of a range) meets it; where lower is better (``lower_is_better``:
unemployment, poverty, CPI), at or below it (the high end of a range); where neither is (the shares
of the economy a plan shifts), only a range can be met. A figure that states a fall
(``tỷ lệ hộ nghèo giảm 0,5 điểm phần trăm``) is the size of the fall, so for it the direction turns
round. ``ratio`` is the result ÷ the target, the low end of a target range (the bound of ``từ …
trở lên``).
"""
from __future__ import annotations

# a period that is one whole calendar year
FULL_YEAR = "({m}.period_start like '____-01-01' and {m}.period_end = substr({m}.period_start, 1, 4) || '-12-31')"

# a figure that is a ratio to a plan, an estimate or another period is no level to compare
A_LEVEL = ("(coalesce({m}.basis, '') not in ('plan', 'budget_estimate', 'central_budget_estimate', "
           "'provincial_budget_estimate') and not ({m}.type = 'percent' and coalesce({m}.change, 'level') = 'level' "
           "and {m}.basis is not null and {m}.basis != 'total'))")

# a count's unit written with or without what it is per or which ones (`13 bác sĩ` under `Số bác
# sĩ/vạn dân` beside `13,5 bác sĩ/vạn dân`; `giảm 1.200 hộ` beside `giảm 1.415 hộ nghèo`)
SAME_UNIT = ("(a.unit = t.unit or (t.type = 'quantity' and ("
             "a.unit like t.unit || '/%' or t.unit like a.unit || '/%'"
             " or a.unit like t.unit || ' %' or t.unit like a.unit || ' %')))")

SAME_PERIOD = "(a.period_start = t.period_start and a.period_end = t.period_end)"

# the same year, one side the whole of it and the other reaching into its last quarter
SAME_YEAR = (
    "(substr(a.period_start, 1, 4) = substr(t.period_start, 1, 4)"
    " and substr(a.period_end, 1, 4) = substr(t.period_start, 1, 4)"
    " and substr(t.period_end, 1, 4) = substr(t.period_start, 1, 4)"
    f" and (({FULL_YEAR.format(m='t')} and a.period_end >= substr(t.period_start, 1, 4) || '-10-01')"
    f" or ({FULL_YEAR.format(m='a')} and t.period_end >= substr(t.period_start, 1, 4) || '-10-01')))"
)

# a growth rate is a rise whether the text says `tăng 8,2%` or `GRDP đạt 8,2%`: for such a key a
# level and an increase are one change (a fall, a negative rate, stays apart)
CHANGE = ("case when {i}.unit_basis = 'growth_rate' and coalesce({m}.change, 'level') = 'level'"
          " then 'increase' else coalesce({m}.change, 'level') end")

PERIOD_LENGTH = "(julianday({m}.period_end) - julianday({m}.period_start))"

# A figure read with its document's frame: a sentence that names no place or period speaks of the
# document's (a resolution's targets of its province and year; a year-end report's results).
FIGURES_IN_FRAME = """
  select
    m.id, m.document_id, m.sentence_id, m.text, m.type, m.value, m.value_max, m.unit, m.qualifier,
    m.indicator, m.indicator_key, m.kind, m.change, m.basis, m.period_text,
    coalesce(m.place_normalized, d.place_normalized) as place_normalized,
    case when m.period_start is null and d.year is not null then d.year || '-01-01' else m.period_start end
      as period_start,
    case when m.period_start is null and d.year is not null then d.year || '-12-31' else m.period_end end
      as period_end
  from mentions m
  join documents d on d.id = m.document_id
  where m.kind in ('target', 'actual') and m.indicator_key is not null
"""

# Places agree, or one side has none at all (a resolution that never names its province, a
# release that names no country): then the other's place stands for both, as long as no result
# of another place is a candidate too.
SAME_PLACE = "(a.place_normalized is t.place_normalized or a.place_normalized is null or t.place_normalized is null)"

PLAN_VS_ACTUAL_SQL = f"""
with figures as ({FIGURES_IN_FRAME}),
matches as (
  select
    t.id as target_id,
    a.id as actual_id,
    a.place_normalized is t.place_normalized as same_place,
    coalesce(t.place_normalized, a.place_normalized) as place,
    {SAME_PERIOD} as same_period,
    abs({PERIOD_LENGTH.format(m='a')} - {PERIOD_LENGTH.format(m='t')}) as length_gap,
    a.document_id != t.document_id as across,
    {CHANGE.format(i='ti', m='t')} as change
  from figures t
  left join indicators ti on ti.key = t.indicator_key
  join figures a
    on a.indicator_key = t.indicator_key
   and a.kind = 'actual'
   and a.id != t.id
   and a.type = t.type
   and {SAME_UNIT}
   and {CHANGE.format(i='ti', m='a')} = {CHANGE.format(i='ti', m='t')}
   and {SAME_PLACE}
   and ({SAME_PERIOD} or {SAME_YEAR})
   -- a company's or a product's figure (doanh thu, giá) meets its result in its own document only
   and (a.document_id = t.document_id or coalesce(ti.by_place, 1) = 1)
   and (({A_LEVEL.format(m='a')} and {A_LEVEL.format(m='t')}) or a.basis = t.basis)
  where t.kind = 'target'
    and t.period_start is not null
),
candidates as (
  select
    m.target_id,
    m.actual_id,
    m.place,
    row_number() over (
      partition by t.indicator_key, m.place, t.period_start, t.period_end, t.type, t.unit, m.change
      order by m.same_place desc, m.same_period desc, m.length_gap, m.across desc, t.id, m.actual_id
    ) as rank
  from matches m
  join figures t on t.id = m.target_id
  -- a side without a place takes the other's only when the candidates agree on it
  where m.same_place or not exists (
    select 1 from matches other
    where other.target_id = m.target_id and not other.same_place and other.place is not m.place)
)
select
  t.indicator_key,
  i.label as indicator_label,
  c.place as place,
  t.period_start,
  t.period_end,
  t.type,
  t.unit,
  {CHANGE.format(i='i', m='t')} as change,
  t.value as target_value,
  t.value_max as target_value_max,
  t.qualifier as target_qualifier,
  a.value as actual_value,
  a.value_max as actual_value_max,
  a.qualifier as actual_qualifier,
  case
    when t.value is null or a.value is null then 'unknown'
    -- the target's own bound: `từ 8% trở lên`, `trên 8,5%`, `không quá 2,5%`, `dưới 4%`
    when t.qualifier = 'at_least' then case when a.value >= t.value then 'yes' else 'no' end
    when t.qualifier = 'over' then case when a.value > t.value then 'yes' else 'no' end
    when t.qualifier = 'at_most' then case when a.value <= coalesce(t.value_max, t.value) then 'yes' else 'no' end
    when t.qualifier = 'under' then case when a.value < coalesce(t.value_max, t.value) then 'yes' else 'no' end
    -- no better direction (a structure's shares): a range holds the result or not; a level says nothing
    when i.key is not null and i.lower_is_better is null then
      case when t.value_max is null then 'unknown' when a.value between t.value and t.value_max then 'yes' else 'no' end
    when i.key is null then 'unknown'
    -- else the indicator's direction, turned round for a figure that states the size of a fall
    when (i.lower_is_better = 1) = (coalesce(t.change, 'level') = 'decrease')
      then case when a.value >= t.value then 'yes' else 'no' end
    else case when a.value <= coalesce(t.value_max, t.value) then 'yes' else 'no' end
  end as met,
  -- the result as a share of the target: of its low end for a range, of the bound for `từ … trở lên`
  round(a.value / nullif(t.value, 0), 4) as ratio,
  i.lower_is_better,
  i.unit_basis,
  t.period_text as target_period_text,
  a.period_text as actual_period_text,
  a.period_start as actual_period_start,
  a.period_end as actual_period_end,
  t.indicator as target_indicator,
  a.indicator as actual_indicator,
  t.text as target_text,
  a.text as actual_text,
  t.id as target_mention_id,
  a.id as actual_mention_id,
  t.document_id as target_document_id,
  td.path as target_path,
  t.sentence_id as target_sentence_id,
  ts.text as target_sentence,
  a.document_id as actual_document_id,
  ad.path as actual_path,
  a.sentence_id as actual_sentence_id,
  asent.text as actual_sentence
from candidates c
join figures t on t.id = c.target_id
join figures a on a.id = c.actual_id
join documents td on td.id = t.document_id
join documents ad on ad.id = a.document_id
left join indicators i on i.key = t.indicator_key
left join sentences ts on ts.id = t.sentence_id
left join sentences asent on asent.id = a.sentence_id
where c.rank = 1
order by t.indicator_key, c.place, t.period_start, t.type, t.unit, change
"""

VIEWS = [("plan_vs_actual", PLAN_VS_ACTUAL_SQL)]
