"""baocao: compile a plan's progress report (Báo cáo 6 tháng / năm) from units' activity logs."""

__version__ = "0.1.0"
