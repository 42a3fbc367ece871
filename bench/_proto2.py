import os, time, cProfile, pstats
from bench.db import bench_database, add_club, reset_bookings, first_bookable_hour
from bench import create
with bench_database() as url:
    os.environ["DATABASE_URL"]=url; os.environ["JWT_SECRET"]="bench-secret-bench-secret-bench-secret"; os.environ.pop("EVENT_BUS_NAME",None)
    from booking import config; config.settings.cache_clear(); config.database_url.cache_clear()
    club=add_club(url, slug="bench-create", bays=64, users=20000)
    jobs=create.make_jobs(club, first_bookable_hour()+__import__("datetime").timedelta(hours=8), limit=20000)
    make=create.handler_op(jobs, idempotency=False)
    op,td=make(0)
    for i in range(200): op(i)
    pr=cProfile.Profile(); pr.enable()
    t=time.perf_counter()
    for i in range(200,1200): r=op(i)
    print("per op ms", (time.perf_counter()-t))
    pr.disable()
    print(r)
    st=pstats.Stats(pr); st.sort_stats("cumulative").print_stats(45)
    st.sort_stats("tottime").print_stats(25)
