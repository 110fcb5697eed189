"""Display constants shared by the reception and petitions admins."""

SOON_DAYS = 3  # "due soon" window of these registers' due badges and filters
