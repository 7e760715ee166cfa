from roles.bench_extra import plan_synthetic


def test_the_planner_bench_extra_reports_one_school_against_greedy(db):
    [figure] = plan_synthetic(None, 30)
    assert figure["name"] == "planner, one school"
    assert figure["hours_freed"] >= figure["greedy_hours_freed"]
    assert figure["met"] is True
