"""The synthetic population registry (CSDL quốc gia về dân cư, mô phỏng)."""
