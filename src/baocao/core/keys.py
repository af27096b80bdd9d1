"""The keys of the workspace's YAML files, each named once.

Keys are ASCII snake_case Vietnamese because clerks read and type them; code refers
to them by these English names, and the models join them to their attributes by
alias. A key that means the same in several files (``ma``, ``ten``, ``nam``) is one name.
"""

from __future__ import annotations

from typing import Final

# --- shared ---------------------------------------------------------------------------
METHOD: Final = "cach_tinh"
"""How something is computed: a schedule's windows (lich, nd09), a ratio indicator."""
CODE: Final = "ma"
NAME: Final = "ten"
YEAR: Final = "nam"
START: Final = "tu_ngay"
END: Final = "den_ngay"
PERIOD: Final = "ky"
PLAN_FILE: Final = "ke_hoach"

# --- the plan -------------------------------------------------------------------------
PARENT_BODY: Final = "co_quan_chu_quan"
ISSUER: Final = "co_quan_ban_hanh"
ISSUER_NAME: Final = "ten_co_quan"
ISSUER_ABBR: Final = "ky_hieu"
PLACE: Final = "dia_danh"
NUMBER: Final = "so"
ISSUED_ON: Final = "ngay_ban_hanh"
PURPOSES: Final = "muc_dich"
TASKS: Final = "nhiem_vu"
ORGANISATION: Final = "to_chuc_thuc_hien"
SCHEDULE: Final = "bao_cao_dinh_ky"
UNITS: Final = "don_vi"
"""The plan's reporting units; in a unit's log, the unit's code."""
UNITS_WORD: Final = "goi_don_vi"
CARRIES_OUT: Final = "thuc_hien_ke_hoach"
LOWER: Final = "cap_duoi"
"""A reporting unit that is a lower-level body, sending its report's summary."""
KIND: Final = "loai"
SIGNER: Final = "nguoi_ky"
"""Who signs: the plan, or (in baocao.yaml) the report."""
RECIPIENTS: Final = "noi_nhan"

# a task
SHORT_NAME: Final = "ten_ngan"
DETAILS: Final = "noi_dung"
LEAD: Final = "chu_tri"
PARTNERS: Final = "phoi_hop"
TIME_FRAME: Final = "thoi_gian"
PRODUCT: Final = "san_pham"
INDICATORS: Final = "chi_tieu"
UNIT_OF_MEASURE: Final = "don_vi_tinh"
TARGET: Final = "muc_tieu"
TARGETS_BY_KIND: Final = "muc_tieu_theo_loai"
TARGETS_BY_UNIT: Final = "muc_tieu_theo_don_vi"
# a ratio indicator's method
UNITS_OF_KIND: Final = "don_vi_thuc_hien"
NUMERATOR: Final = "tu_so"
DENOMINATOR: Final = "mau_so"

# the reporting schedule
PRESET: Final = METHOD
DUE: Final = "han_nop"
REPORT_DUE: Final = "han_bao_cao"

# --- a unit's activity log ------------------------------------------------------------
SENT: Final = "ngay_gui"
DAY: Final = "ngay"
TEXT: Final = DETAILS
"""What an activity was: ``noi_dung``, like a task's details."""
FIGURES: Final = "so_lieu"
DIFFICULTIES: Final = "kho_khan"
PROPOSALS: Final = "de_xuat"

# --- the workspace configuration (baocao.yaml) ----------------------------------------
OUTPUT_DIR: Final = "thu_muc_ket_qua"
AUTHORITY: Final = "quyen_han"
TITLE: Final = "chuc_vu"
FULL_NAME: Final = "ho_ten"
JOBS: Final = "bao_cao"
LOGS_DIR: Final = "thu_muc_nhat_ky"
FILE_NAME: Final = "ten_tep"
PDF: Final = "pdf"
COMPARE_WITH: Final = "so_sanh"

# --- a period's narrative (dien-giai/) ------------------------------------------------
DIRECTING: Final = "chi_dao"
STRENGTHS: Final = "uu_diem"
SHORTCOMINGS: Final = "ton_tai"
CAUSES: Final = "nguyen_nhan"
NEXT_STEPS: Final = "phuong_huong"
TASK_STEPS: Final = "phuong_huong_nhiem_vu"
