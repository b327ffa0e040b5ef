/// Casebook's version, which `casebook --version` prints.
public enum CasebookVersion {
    public static let current = "0.4.0"
}
